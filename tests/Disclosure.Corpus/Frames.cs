namespace Disclosure.Corpus;

/// <summary>How people put a request on the form (申请内容描述), around the information they ask for ({object}).</summary>
internal static class Frames
{
    public static readonly Template[] Requests =
    [
        "申请公开{object}。",
        "本人申请获取{object}。",
        "请贵机关公开{object}。",
        "依据《中华人民共和国政府信息公开条例》第二十七条，申请公开{object}。",
        "本人系{home}<居民|村民|业主>，{reason}，特申请公开{object}。",
        "请求提供{object}<（纸质版或电子版均可）|的复印件|的电子版>。",
        "申请内容：{object}。{delivery}",
        "我想了解{object}，请予以公开。",
        "申请获取以下政府信息：{object}。",
        "根据《政府信息公开条例》规定，现向贵单位申请公开{object}，{reason}。",
        "{object}，请予公开。",
        "所需政府信息的内容描述：{object}。",
        "申请查阅{object}，并提供复印件。",
        "请公开{object}全文。",
        "<我单位|本单位|本人>申请公开{object}。[{delivery}]",
        "{reason}，申请公开{object}。",
        "请{agency}公开{object}。[{delivery}]",
        "申请人请求公开：{object}。",
        "特向你局申请公开{object}，{reason}。",
        "{reason}。请依法公开{object}。",
        "望贵单位提供{object}，谢谢！",
        "申请公开的政府信息名称：{object}；[{delivery}]",
        "本人要求公开{object}，{reason}。",
        "请提供{object}的原件复印件并加盖公章。",
        "现依法申请公开{object}。[{delivery}]",
        "恳请公开{object}。",
    ];

    public static readonly Template[] Reasons =
    [
        "<因|由于>本人房屋位于<征收|拆迁>范围内", "用于维护本人合法权益", "为了解补偿标准是否合法", "用于申请行政复议",
        "作为诉讼证据使用", "本人系利害关系人", "为监督财政资金使用", "<本人|我家>承包地在该范围内", "为了解项目审批情况",
        "用于学术研究", "作为本单位经营决策参考", "为核实相关情况",
    ];

    public static readonly Template[] Deliveries =
    [
        "请以电子邮件方式提供。", "请邮寄纸质件至本人通信地址。", "希望通过网上申请平台答复。", "本人将到现场领取。",
        "请以纸质形式邮寄。", "请发送至本人邮箱。", "可刻录光盘邮寄。", "请通过政府信息公开平台在线答复。",
    ];

    /// <summary>What people write when they ask again: the planted repeats say so a quarter of the time.</summary>
    public static readonly Template[] Again =
    [
        "本人曾于{prior}就此提出申请，<现再次申请|现重新申请|至今未获答复，现再次申请>：",
        "<再次|重新>申请：", "{prior}已申请过，现补充申请：", "因上次答复内容不全，再次申请：",
    ];
}

/// <summary>Word for word edits people make when they paste a request again (one way each).</summary>
internal static class Rewordings
{
    public static readonly (string From, string To)[] Edits =
    [
        ("方案", "办法"), ("办法", "方案"), ("公告", "通告"), ("通告", "公告"), ("报告书", "报告"), ("决定书", "决定"), ("批复", "批复文件"),
        ("结果", "结论"), ("材料", "文件"), ("文件", "材料"), ("明细", "清单"), ("的", ""), ("及", "和"), ("和", "及"), ("情况", "有关情况"),
        ("证明", "证明文件"), ("许可证", "许可"), ("数据", "资料"), ("有限公司", "公司"), ("年度", "年"),
    ];
}

/// <summary>A kind of letter to the mayor's mailbox (市长信箱): what is wrong, with variations, and its subject line.</summary>
internal sealed record LetterTopic(string Code, string Category, Template Subject, Template Problem, Template Ask, Template[] Agencies);

internal static class Letters
{
    public static readonly LetterTopic[] All =
    [
        new("noise", "complaint", "<关于|反映>{project}<夜间施工噪音扰民|施工噪音扰民|夜间施工>[的问题]",
            "{project}<夜间施工噪音扰民|晚上施工到凌晨|夜间连续施工，噪音很大>，<严重影响|影响>周边居民<休息|正常生活>，<老人孩子无法入睡|孩子马上要高考>。",
            "<责令施工单位停止夜间施工|依法查处夜间违规施工|协调施工时间>", ["{district}城市管理局", "{district}住房和城乡建设局"]),
        new("traffic", "suggestion", "<关于|建议>{road}与{road2}交叉口<增设红绿灯|交通拥堵>[的建议]",
            "{road}与{road2}交叉口<没有红绿灯|信号灯配时不合理>，<早晚高峰|上下学时段>非常拥堵，<存在安全隐患|多次发生事故>。",
            "<增设信号灯|优化信号灯配时|安排交警疏导>", ["{city}公安局交通警察支队", "{district}交通运输局"]),
        new("property", "complaint", "<反映|投诉>{community}{estate}物业<不作为|服务差>",
            "{community}{estate}物业<长期不作为|服务质量差>，<电梯经常故障|垃圾清运不及时|私自占用公共区域收费|公共维修资金使用不公开>。",
            "<督促物业整改|依法查处物业公司|指导成立业主委员会>", ["{district}住房和城乡建设局", "{district}{town}办事处"]),
        new("school_place", "help", "<关于|咨询>孩子<入学|上学>[难]问题",
            "我家孩子今年<上小学|升初中>，<户籍|房产>在{community}，但被划到<离家很远|5公里外>的{school}。",
            "<重新调整学位安排|就近安排入学|公开学区划分依据>", ["{district}教育局"]),
        new("compensation", "complaint", "<反映|关于>{project}<补偿标准过低|补偿不公>[的问题]",
            "{project}<拆迁|征收>补偿标准<过低|明显低于周边房价>，<评估结果|补偿方案>不公开，<工作人员多次上门施压|没有签协议就断水断电>。",
            "<公开补偿方案和评估报告|重新评估|依法处理>", ["{district}人民政府", "{district}住房和城乡建设局"]),
        new("pollution", "report", "<举报|反映>{company}<污染环境|偷排污水|排放异味>",
            "{company}<排放刺鼻气味|夜间偷排污水|粉尘污染严重>，<周边居民|附近村民>苦不堪言，<河水已经发黑|晾晒的衣服都是灰>。",
            "<派人现场检查|依法查处|公开监测数据>", ["{city}生态环境局{district}分局"]),
        new("wages", "help", "<求助|反映>{company}拖欠<农民工工资|劳务费>",
            "本人在{project}工地务工，{company}拖欠<工资|劳务费>{n}万元<至今未付|已有半年>，<多次讨要无果|老板电话不接>。",
            "<帮助追讨工资|责令企业支付|依法处理>", ["{district}人力资源和社会保障局"]),
        new("hospital", "complaint", "<投诉|反映>{hospital}<乱收费|服务态度差>",
            "<我|我母亲|家里老人>在{hospital}<就诊时被重复收费|住院期间检查项目过多|看病时医生态度恶劣>，<费用清单与实际不符|投诉后无人处理>。",
            "<核查收费情况|依法处理|退还多收费用>", ["{district}卫生健康委员会", "{district}医疗保障局"]),
        new("water", "help", "<反映|关于>{community}<经常停水|水质问题>",
            "{community}{estate}<经常停水|自来水浑浊发黄|水压不足>，<已有一个多月|夏天尤其严重>，<影响正常生活|打电话给水务公司没人管>。",
            "<尽快解决|督促供水企业整改|公开水质检测结果>", ["{city}水务局", "{district}城市管理局"]),
        new("stall", "suggestion", "<建议|关于>{road}<规范占道经营|整治流动摊贩>",
            "{road}<{n}号附近|沿线>流动摊贩占道经营，<油烟和垃圾很多|晚上很吵|行人只能走机动车道>。",
            "<加强管理|设置临时便民市场|定时清理>", ["{district}城市管理局"]),
    ];

    public static readonly Template[] Openings = ["尊敬的<市长|领导>：<您好！|你好！|>", "<市长|领导>您好：", "尊敬的<市长|领导|市长信箱工作人员>：", ""];

    public static readonly Template[] Bodies =
    [
        "我是{home}的<居民|业主|村民>。{object}<多次|曾>向{agency}反映，<至今没有解决|但一直没有结果|相关部门互相推诿>。<恳请|希望|请>{reason}。<谢谢！|盼复。|>",
        "{object}<已经持续很久|从去年开始就这样>，<希望|恳请>政府{reason}。<此致敬礼！|谢谢！|>",
        "本人住在{home}，{object}<打过12345热线|找过社区>，<没有下文|答复说正在处理>。<请|恳请>{agency}{reason}。",
        "反映一个问题：{object}请<领导|相关部门>重视，{reason}。",
    ];

    public static readonly Template[] Again =
    [
        "<上次|之前>反映的问题<仍未解决|没有任何回复|至今没有处理>，<再次|第二次|又一次>反映：",
        "{prior}已经反映过，<至今|到现在>没有<结果|回复>。", "<再次|继续>反映：",
    ];
}
