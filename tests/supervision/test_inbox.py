from __future__ import annotations

from django.urls import reverse

from zhengtong.notifications.models import Message
from zhengtong.notifications.services import notify


def test_the_inbox_lists_only_my_messages_and_opening_marks_read(client, zhangsan, lisi):
    notify(recipients=[zhangsan], title="您的申请已受理", link="/services/mine/")
    notify(recipients=[lisi], title="别人的消息")
    client.force_login(zhangsan)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "您的申请已受理" in page and "别人的消息" not in page and "1 条未读" in page
    message = Message.objects.get(recipient=zhangsan)
    assert client.post(reverse("notifications:open", args=[message.pk])).url == "/services/mine/"
    message.refresh_from_db()
    assert message.read_at is not None
    other = Message.objects.get(recipient=lisi)
    assert client.post(reverse("notifications:open", args=[other.pk])).status_code == 404
