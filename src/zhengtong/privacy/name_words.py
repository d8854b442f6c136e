"""The words the name reader knows: surnames and the characters given names are made of, the labels and roles a
name follows, the words that follow a name, titles, and the endings that make a word an office or a place
(names.py reads text with them; decision 0016 says where each came from)."""

from __future__ import annotations

COMPOUND_SURNAMES = (
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 令狐 端木 独孤 南宫 西门 闻人 轩辕 "
    "百里 呼延 钟离 澹台 公冶 太史 申屠 万俟 闾丘 濮阳 淳于 单于 赫连 东郭 仲孙 拓跋 "
    "左丘 公羊 宗政 太叔 鲜于 亓官 司寇 颛孙 巫马 公西 漆雕 壤驷 宰父 谷梁 羊舌 微生 梁丘"
).split()
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常"
    "温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚"
    "岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑"
    "迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝郜海阚花权强帅屠豆朴盖练廉"
    "禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印"
    "逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由竺"
    "萧洪赖乜佴厍宓宦庹庾忻桓殳毋汲沃滑濮璩笪糜羿茆荀莘蒯蓟蓬訾贲逄邴郏郗郦酆钭钮隗韶夔"
    "水励蒉凤寿步贝"  # surnames of 宁波 and 绍兴; 步 (步建强), 贝 (贝晓晨)
)
# Characters that given names are made of (the commonest few hundred, from name statistics).
GIVEN = frozenset(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志海燕文辉鹏飞宇晨浩然欣怡子涵梓轩雨婷佳琪俊"
    "斌波鑫宁亮丹蕾琳雪梅晶颖慧莉倩云凤洁琴淑珍凯健东林峰军荣兵毅新彬浩宏伦昊铭诚博睿嘉泽瑞航辰阳旭晓帆远智"
    "思雅楠欢悦心诗语梦菲萱瑶婧璐茜蓉薇媛瑾妍彤馨玲岚珊芬芸莲菊香月春秋冬夏光金银宝贵福寿喜庆祥瑞安康乐永长"
    "德仁义礼信忠孝良善正清廉贤才学武威雄豪杰俊彦豪卫兴盛昌隆发达成功利民生全友爱和顺利立世中天地山川河江湖"
    "泉源洪涛波浪海洲松柏竹梅兰菊桃李杏桂枫杨柳树森林木材根叶花芳草青蓝紫翠碧绿白玉珠宝琼瑶环佩璋琛瑜琦琪"
    "珂珏玮玥琰瑛璇璟凡一二三四五六七八九十百千万亿元初首先高升腾跃翔鸿鹤鹏雁燕凤鸾鹰龙虎彪豹骏驰骥马牛羊"
    "振兆勋斌晖晗昕昭晟晔暄曦皓颢炜烨煜焱熙炎灿辉耀煌坤乾政治理法律宪章典范模式规则方圆润泽沛沐涵淳渊博"
    "弘毅韬略谋策划筹谦逊恭敬谨慎勤俭朴素雅致秀丽美媚娇婉娴淑贞静宜嫣然如若依可亦也之乎者云兮君臣民士"
    "农工商贾医师友朋宾客仙佛道儒圣贤哲思想念忆怀恩惠泽浩荡宽容恕忍耐久恒定坚固强壮健康宁静淡泊明志致远"
    "伯仲叔季孟少幼小大老阿红霞丹彩虹霖露霜雪冰晶莹玲珑琳琅佳俊秀敏捷慧颖聪睿智哲达通畅舒展开放宏伟壮丽"
    "美好佳丽嘉娜莎妮娅婕妤姗姝婵娥嫦娟媛嫱婷娉茹蓓蕊蕙蔓薇莺鹃鸥鹭燕雀凤凰麟麒骐骊骄骁驹骢军兵将帅卫国"
    "建设立业创新开拓进取奋发图强振兴中华爱民保家卫国富强民主文明和谐自由平等公正法治敬业诚信友善忠诚"
    "根生福来财旺金水木火土宝珍珠翡翠玛瑙琥珀钰铭锋锐锦镇钧铎铖铠锡钊钦铮鑫淼森焱垚磊犇骉晶晶品众"
    "连树立桂兰桂芳桂英秀英秀兰秀珍秀梅玉兰玉梅玉珍凤英凤兰淑珍淑英淑兰德华德明德胜建华建军建平国华国强"
    "雯雁岩岳峥嵘崇巍峻峰嵩屹岗岭坚垣城培基增墨壁尧舜禹汤周秦汉唐宋元明清京沪杭甬越吴楚湘蜀粤闽赣皖"
    "宸宥宇宁宛宜宝实宣宫宾寒寿尊尚尧展屹峥巧巍帆希庆廷彦彬征律得循微徽忆念恺悠惟意慈慧憬懿成戈旻昀"
    "晏晞晴暖曼朗望朝杉枝栋栩桐梁梓棠楷榕槿樱檀欣歆毓沁沅沛泓泫泳洛洲浚涓淇淞渝湘溪滢漪潇潍澄澜濡瀚"
    "灵炫烁焕然煦熠燃爽犀琛瑄璞甜畅皎睿瞳磬祎祺禄禾秉程穗童笑筱简素紫絮维绮缘羽翊翰聿胤舒艺芊芝芮苒"
    "若苓茂茉莎莉菡萌葳蔚蕴藤蝶衡裕褀言誉谊谦豫贞赫超越跃路轩辞迪逸遥邦郁醇钧铄锦阑阔霁霏靓韵颂颐馥骞鸣黛"
    "阿大二小妹宝根狗牛毛三四丫娣弟招来旺财发亚剑诺宗祖佑铁炳儿家其人"
    "韫翀玥喆珺彧昱垚曦汐琬守含"
    "向援"  # names of their generation: 向东, 向阳, 援朝
)
# Names in minority languages have no Han surname: they are read as runs of the parts such names are made of
# (Tibetan 扎西顿珠, 次仁央金; Uyghur and Kazakh 阿依古丽, 买买提, 努尔兰; Mongolian 巴特尔, 其其格; Yi 吉克阿呷),
# joined or parted by a middle dot, and only where a role, a list, 同志/同学… or a word that follows a name says a
# person.
MINORITY_PARTS = (
    "扎西 次仁 顿珠 卓玛 央金 格桑 拉姆 德吉 平措 旺堆 达娃 尼玛 多吉 多杰 索朗 边巴 普布 巴桑 白玛 次旦 旦增 洛桑 "
    "仁增 群培 曲珍 措姆 拉巴 米玛 桑珠 益西 丹增 贡布 才让 卓嘎 央宗 强巴 罗布 德庆 次珍 拉珍 泽仁 四郎 降措 "
    "拥措 阿旺 贡嘎 格列 仁青 嘎玛 曲措 达瓦 梅朵 "
    "买买提 麦麦提 艾尔肯 阿不都 阿布都 阿卜杜 艾力 艾买提 努尔 热依拉 阿依 古丽 迪丽 热巴 帕提 米拉 阿迪力 伊力 哈尼 "
    "娜尔 克孜 吐尔逊 吾斯曼 热合曼 依明 卡德尔 玉素甫 尼亚孜 亚森 艾尼 肉孜 沙吾提 托合提 阿力木 阿里木 买合木提 "
    "巴哈 依提 江 汗 兰 罕 叶尔 别克 哈力 木拉提 赛力克 达吾列提 阿斯哈尔 巴合提 阿娜尔 祖丽 皮亚 "
    "巴特尔 其其格 托娅 巴根 乌云 斯琴 那仁 图雅 苏和 朝鲁 宝音 额尔敦 格日勒 哈斯 敖登 孟和 阿拉坦 布仁 巴雅尔 乌兰 "
    "呼和 格根 塔娜 萨仁 娜仁 高娃 其木格 图门 巴图 吉日嘎拉 宝力德 那顺 特木尔 满都拉 "
    "吉克 阿呷 阿果 木呷 沙马 曲比 阿苏 日火"
).split()
# A character that begins the next word, not the end of a name (申请人李月娥不服 -> 李月娥, 侯毅本人 -> 侯毅).
NOT_GIVEN = frozenset(
    "其的了在是于和与及或等因称向对从到被把为将已未经由也都就现曾先同本家名夫妻一身手电住联系情陪申提要请表诉来无所之自拟户说讲反不共"
)

# After a label, a "name" ending in one of these is an office or a place (文明办, 宣传科, 方案组, 万科城).
OFFICE_ENDINGS = frozenset("办科组处室局委队站所部中城苑园府庭湾")
# A title or an address of courtesy where the given name would be (联系人：王局长, 负责人：周主任, 王女士).
TITLES = (
    "局长 科长 处长 主任 站长 所长 书记 部长 厅长 县长 区长 市长 镇长 乡长 村长 队长 组长 经理 主管 老师 医生 警官 "
    "女士 先生 小姐 师傅 同志 阿姨 大姐 大哥 大爷 大妈 伯伯 叔叔 阿婆 老板 护士 律师 医师 教授 院长 校长 工 总"
).split()  # 工 and 总: 刘工, 王总
# A "name" ending in one of these is a place (余新镇, 古林镇).
PLACE_ENDINGS = frozenset("镇村区县市省乡路街港湾桥山岭湖江河塘浦")
# Words of a government text that the dictionary tags as names (许可, 查明) or does not hold, as offices' short names
# (卫健牵头), that read as names; 万人 is a unit (常住人口 84 万人).
NOT_NAMES = frozenset("王府井 本人 某某 不详 暂无 万人 许可 查明 卫健 文旅 安监 金管".split())
# Labels and roles after which a name follows (optionally after ：, 为 or 是).
ROLES = (
    "姓名 申请人 被申请人 联系人 户主 当事人 法定代表人 负责人 投诉人 被投诉人 举报人 被举报人 来信人 来电人 信访人 "
    "反映人 诉求人 收件人 寄件人 送达人 受送达人 代理人 委托代理人 委托人 受托人 患者 病人 死者 伤者 逝者 被执行人 "
    "申请执行人 授权代表 法人代表 原告 被告 第三人 证人 监护人 被监护人 继承人 配偶 丈夫 妻子 老伴 儿子 女儿 "
    "父亲 母亲 爷爷 奶奶 外公 "
    "外婆 孙子 孙女 侄子 侄女 外甥 哥哥 姐姐 弟弟 妹妹 儿媳 女婿 亲属 家属 邻居 同事 朋友 业主 租户 住户 房东 承租人 "
    "老公 老婆 爱人 前夫 前妻 公公 婆婆 岳父 岳母 妈妈 爸爸 舅舅 姑姑 叔叔 伯伯 "
    "出租人 村民 居民 市民 群众 学生 考生 家长 老人 骑手 司机 驾驶员 驾驶人 车主 船东 职工 员工 工人 经办人 签收人 "
    "收款人 户名 持卡人 开户人 开户名 参保人 被保险人 受益人 捐赠人 受助人 申报人 申领人 领取人 征收人 被征收人 "
    "救助对象 保障对象 低保户 困难户 五保户 个体户 退役军人 士兵 烈属 遗属 店主 摊主 经营者 业户 被害人 嫌疑人 "
    "违法行为人 行为人 相对人 行人 乘客 游客 租客 孕妇 产妇 新生儿 婴儿 儿童 未成年人 残疾人 独居老人 孤寡老人 "
    "我叫 名叫 名字叫 名字是 本人 尊敬的 致 "
    "填表人 署名 签名 代办人 陪同人 经手人 联络人 办理人 承办人 审核人 复核人 审批人 记录人 制表人 接待人 核查人员 "
    "我爸 我妈 我哥 我姐 我弟 我妹 我爸爸 我妈妈 我哥哥 我姐姐 我弟弟 我妹妹 "  # the longer first where both fit
    "我爷爷 我奶奶 我老公 我老婆 我爱人 我儿子 我女儿"
).split()
# Roles that also open ordinary phrases (罪犯管理工作, 选民信息核对, 其子公司, 签字盖章后): a name after one must end
# where a name does (a boundary, or a word that follows a name), as after 我是. The parties of a contract, a court's
# and a register's wording, and kin written with 其.
BOUNDED_ROLES = (
    "选民 建设人 受让方 转让方 受让人 转让人 出让人 买受人 竞买人 承包人 发包人 被告人 罪犯 服刑人员 矫正对象 "
    "上诉人 被上诉人 申诉人 被申诉人 再审申请人 异议人 报告人 求助人 来访人 共有人 权利人 义务人 产权人 "
    "所有权人 被继承人 赡养人 抚养人 受援人 援助对象 优抚对象 义务兵 退休人员 法定代理人 近亲属 失信人 "
    "承租方 出租方 房客 签字: 其子 其女 其母 其妻 其夫 其兄 其弟 其姐 其妹 "  # not 其父: 其父母
    "其儿子 其女儿 其父亲 其母亲 其妻子 其丈夫 其哥哥 其姐姐 其弟弟 其妹妹"  # the longer first where both fit
).split()
# Every role and label: a word of its own, never a name (names._is_word, prose's reading of the model's persons)
ROLE_WORDS = frozenset([*ROLES, *BOUNDED_ROLES])
# Staff and officials named in a complaint or a praise (窗口工作人员王小明态度差, 表扬民警陈志强). These words also
# open ordinary sentences (工作人员张贴公告), so a name after one is taken only where the segmenter reads one: a
# token it tags as a person's name that starts with a surname, and, at two characters, is not a dictionary word.
STAFF = (
    "工作人员 窗口人员 窗口工作人员 服务人员 执法人员 审批人员 办事人员 接待人员 网格员 民警 辅警 警官 交警 医生 护士 "
    "教师 科长 主任 站长 所长 书记 村长 镇长 乡长 局长 处长 干部 城管 队员 快递员 外卖员 保安 客服 话务员 接线员 "
    "办事员 科员 社工 营业员 收银员 检查员 调解员 教练 经理 会计 报账员 专家 小哥"
).split()
# Weak openers: a name after them must also be followed by a boundary (我是北仑区居民 is no name).
WEAK = ("我是",)
FOLLOWERS = (
    "先生 女士 同志 小姐 老师 阿姨 大爷 大妈 师傅 老人 本人 夫妇 一家 家属 家庭 家的 家座 家中 家门 家住 名下 户籍 "
    "反映 称 来电 来信 来访 致电 于 因 在 申请 提供 留下 陈述 通过 指定 独居 要求 不服 陪同 留存 未按 驾驶 手机 电话 "
    "奶奶 爷爷 阿姨 叔叔 婆婆 您好 你好 家长 母子 父子 母女 父女 夫妻 兄弟 姐妹 两户 三户 收 描述 持 离婚 拖欠 携 "
    "联系 身份 的身份 的手机 的银行 的账户 的账号 的社保 的户籍 的住址 的家 的车 的房 的母亲 的父亲 的丈夫 的妻子 "
    "的儿子 的女儿 等人 等户 等同志 及其 与其 和其 持有 所有 所住 居住 住在 出生 年龄 性别 男 女 同学 小朋友 继承 代为 "
    "表示 说 回忆 强调 建议 介绍 告诉 "  # what a person says (何立新表示, 据某某回忆)
    "医生 护士 大姐 大哥 书记 主任 老板 经理"  # a title after the name (卢丹医生)
    " 妈妈 爸爸 伯伯 舅舅 姑姑 哥哥 姐姐 他们 她们"  # whose kin, with whom (蔡颖妈妈, 鲍林他们家)
    " 带队 带路 代班 主持 核实 指出 提出 认为 笑着 投诉 咨询"  # what a person does (由陈志刚带队, 齐国强指出)
    # Not a time, a question or 一起 (桂花树今年…, 请问是金银花吗, 宁波人一起…), nor 牵头 or 负责, which a department's
    # short name goes before as often (卫健牵头): they follow a plant's, a city's or an office's name as readily.
).split()
# What a citizen's letter or call says a person did: between a role and one of these, a word the segmenter tags as
# a name is one (市民宁静来电), where a time, a preposition or 表示 would not say so (游客高峰今天…, 居民闻言表示…).
SAYS = tuple("来电 来信 来访 致电 反映 投诉 咨询".split())  # not 称 or 说, which open 称号 and 说明
# Words after which a name may stand when a follower closes it (已打入黎阿大的…, 经多次拨打虞小红留下的…).
PRECEDERS = (
    "反映 消费者 包工头 维修工 名单中 内有 如 同意 打入 拨打 发放至 发还 寄至 退至 联系 对象 接到 自称 并非 代理 "
    "通知 告知 慰问 看望 走访 询问 约谈 协助 资助 救助 帮助 安排 委托 指派 核查 关于 给予 准予 授予 "
    "聘 任命 表彰 表扬 感谢 证明"  # whom they appoint, praise or certify (拟聘黄金水、白天明为…, 兹证明符家豪系…)
    " 周一 周二 周三 周四 周五 周六 周日"  # a duty roster's days (周一汪涛，周二黎敏)
).split()
# Single characters that open the word after a name (…的, …之妻, …等3人, …户分得, …曾于) or close the word before
# one (由…, 志愿者…, 转出方…, 1号…).
AFTER_NAME = frozenset("的之等户曾已将被向于在因称系是为与和及或同原经现自所从到对把也都就")
BEFORE_NAME = frozenset(
    "由向对给与和同跟让叫请是为被把将经据及或其系即乃者人户主员生长属亲子女夫妻婿媳父母兄姐弟妹方号"
)
# Surnames that far more often join a noun to its sentence (向业主说明, 由家长负责, 但业主表示, 和家人): before
# a word of the dictionary that is no name, they are the preposition or the conjunction, not a person's surname.
JOINING = frozenset("向和由但都")
PUNCT = set(" \t\n,.;:!?()[]<>\"'、。，；：！？（）【】《》“”‘’—-/_|")  # _ parts a file name's words, | a table's
# Words that make what stands before them a place's name, not a person's (郭巨街道, 中山公园, 鲁迅中学).
PLACE_AFTER = tuple("街道 社区 小区 片区 村委 大道 公园 广场 中学 小学 幼儿园 医院 大桥 故居 纪念馆 路口 镇 乡".split())


# After a place word, what says a person did something there (孙丽娟广场舞, 李桂芳公园里, 吴佩刚医院里的护工): the
# words before it are then read as a person's, masked rather than published.
WHERE_SOMETHING_HAPPENS = tuple("里 上 内 外 边 旁 舞 附近 门口".split())
