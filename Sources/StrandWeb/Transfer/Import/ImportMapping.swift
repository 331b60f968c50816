import StrandCore
import StrandStore

/// Which field each column of a file fills, suggested from the column's header: a field's key or
/// its label in any of Strand's languages, or a word people use for it (手机, 公司, 负责人...).
enum ImportMapping {
    /// Header words (lower-cased, without spaces) and the fields they usually mean, in order of preference.
    static let synonyms: [String: [String]] = [
        "手机": ["mobile", "phone"], "手机号": ["mobile", "phone"], "手机号码": ["mobile", "phone"], "移动电话": ["mobile", "phone"],
        "mobile": ["mobile", "phone"], "cell": ["mobile", "phone"],
        "电话": ["phone", "mobile"], "座机": ["phone"], "联系电话": ["phone", "mobile"], "tel": ["phone", "mobile"], "telephone": ["phone", "mobile"],
        "邮箱": ["email"], "电子邮件": ["email"], "e-mail": ["email"], "mail": ["email"],
        "公司": ["customer_id", "company", "name"], "公司名称": ["customer_id", "company", "name"], "单位": ["customer_id", "company"],
        "company": ["customer_id", "company", "name"], "客户": ["customer_id", "name"], "客户名称": ["name", "customer_id"],
        "姓名": ["name", "contact_name"], "名字": ["name", "contact_name"], "联系人": ["contact_name", "name", "contact_id"],
        "name": ["name", "contact_name"], "职位": ["position"], "职务": ["position"], "title": ["position", "subject"],
        "负责人": ["owner_id"], "销售": ["owner_id"], "业务员": ["owner_id"], "owner": ["owner_id"],
        "地址": ["address"], "备注": ["notes", "note"], "note": ["notes"], "网址": ["website"], "网站": ["website"], "website": ["website"],
        "生日": ["birthday"], "birthday": ["birthday"], "统一社会信用代码": ["credit_code"], "信用代码": ["credit_code"], "税号": ["credit_code"],
        "省份": ["province"], "省": ["province"], "城市": ["city"], "市": ["city"], "微信": ["wechat"], "部门": ["department"],
    ]

    /// The fields a column may fill: importable ones the person may write, and the owner.
    static func targets(_ entity: EntityDefinition, actor: Actor) -> [String] {
        entity.fields.filter { $0.importable && actor.access(to: $0.key, of: entity.key) == .full }.map(\.key)
            + (entity.ownership == .owned ? [RecordInputKeys.owner] : [])
    }

    static func suggest(_ headers: [String], entity: EntityDefinition, actor: Actor) -> [Int: String] {
        let targets = self.targets(entity, actor: actor)
        var names: [String: String] = [:]
        for key in targets {
            names[self.normal(key)] = key
            for language in Language.allCases {
                let strings = Strings(language)
                let label = key == RecordInputKeys.owner ? strings("system.owner_id") : strings.field(entity.key, key)
                names[self.normal(label)] = names[self.normal(label)] ?? key
            }
        }
        var mapping: [Int: String] = [:]
        for (index, header) in headers.enumerated() {
            let word = self.normal(header)
            let candidates = [names[word]].compactMap { $0 } + (self.synonyms[word] ?? []).filter(targets.contains)
            if let key = candidates.first(where: { !mapping.values.contains($0) }) { mapping[index] = key }
        }
        return mapping
    }

    static func normal(_ text: String) -> String {
        text.lowercased().filter { !$0.isWhitespace && $0 != "*" && $0 != ":" && $0 != "：" && $0 != "_" }
    }
}

/// The input key the write pipeline reads an owner from.
enum RecordInputKeys {
    static let owner = "owner_id"
}
