import StrandCore

/// A repeatable random source, so two seeds of the same size make the same company.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { self.state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    public mutating func next() -> UInt64 {
        self.state ^= self.state << 13
        self.state ^= self.state >> 7
        self.state ^= self.state << 17
        return self.state
    }
}

/// Believable Chinese company and person names, places, phone numbers and credit codes.
public enum SampleData {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let givenChars = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕俊峰雪梅晓东文博子轩欣怡浩然宇航思远佳琪梓涵一鸣晨曦嘉懿诗雨天佑振宇")
    static let brandWords = ["华信", "恒通", "鑫源", "瑞丰", "中联", "宏达", "天成", "金桥", "博远", "盛世", "新纪元", "东方", "长城", "银河",
                             "海润", "创新", "卓越", "正泰", "安捷", "远航", "启明", "汇智", "嘉禾", "同舟", "锦程", "华夏", "腾飞", "万象"]
    static let trades = ["科技", "贸易", "机械", "电子", "建材", "物流", "医药", "食品", "软件", "环保", "化工", "纺织", "汽车配件", "信息技术"]
    static let places: [(String, [String])] = [
        ("北京市", ["北京市"]), ("上海市", ["上海市"]), ("广东省", ["广州市", "深圳市", "东莞市", "佛山市"]),
        ("浙江省", ["杭州市", "宁波市", "温州市"]), ("江苏省", ["南京市", "苏州市", "无锡市"]), ("四川省", ["成都市", "绵阳市"]),
        ("湖北省", ["武汉市", "宜昌市"]), ("山东省", ["济南市", "青岛市", "烟台市"]), ("福建省", ["福州市", "厦门市"]),
        ("河南省", ["郑州市", "洛阳市"]), ("陕西省", ["西安市"]), ("天津市", ["天津市"]),
    ]
    static let positions = ["总经理", "副总经理", "采购经理", "技术总监", "财务经理", "采购专员", "工程师", "行政主管", "销售总监"]
    static let conversations = [
        "电话沟通了新一年的采购计划，对方对我们的报价比较关心。", "上门拜访，介绍了新产品，客户有兴趣安排技术交流。",
        "客户反馈上批货物有少量破损，已协调售后处理。", "发送了产品资料和报价单，约定下周再联系。",
        "参加了客户的供应商大会，结识了采购部新负责人。", "微信沟通付款进度，财务说月底安排。",
    ]

    public static func person<G: RandomNumberGenerator>(_ rng: inout G) -> String {
        let surname = self.surnames.randomElement(using: &rng)!
        let length = Int.random(in: 1...2, using: &rng)
        return String(surname) + String((0..<length).map { _ in self.givenChars.randomElement(using: &rng)! })
    }

    /// A brand word, or for variety a founder's given name, between the city and the trade.
    public static func company<G: RandomNumberGenerator>(_ rng: inout G, city: String) -> String {
        let brand = Bool.random(using: &rng) ? self.brandWords.randomElement(using: &rng)!
            : String((0..<2).map { _ in self.givenChars.randomElement(using: &rng)! })
        let trade = self.trades.randomElement(using: &rng)!
        return (city.hasSuffix("市") ? String(city.dropLast()) : city) + brand + trade + "有限公司"
    }

    public static func place<G: RandomNumberGenerator>(_ rng: inout G) -> (province: String, city: String) {
        let (province, cities) = self.places.randomElement(using: &rng)!
        return (province, cities.randomElement(using: &rng)!)
    }

    public static func mobile<G: RandomNumberGenerator>(_ rng: inout G) -> String {
        let prefix = ["138", "139", "137", "136", "150", "151", "158", "186", "188", "135", "177", "199"].randomElement(using: &rng)!
        return prefix + self.digits(Int.random(in: 0..<100_000_000, using: &rng), width: 8)
    }

    public static func creditCode<G: RandomNumberGenerator>(_ rng: inout G) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        var body = Array("91")
        body += Array(String(Int.random(in: 110_000..<660_000, using: &rng)))
        body += (0..<9).map { _ in alphabet.randomElement(using: &rng)! }
        return String(body) + String(CreditCode.checkCharacter(for: String(body))!)
    }

    /// `number` with leading zeros up to `width` digits.
    static func digits(_ number: Int, width: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    public static func conversation<G: RandomNumberGenerator>(_ rng: inout G) -> String {
        self.conversations.randomElement(using: &rng)!
    }
}
