from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "zhengtong.files"
    label = "files"
    verbose_name = "文件"
