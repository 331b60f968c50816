/// Short names for the elements pages use, so views read like the markup they make.
@resultBuilder
public enum NodeBuilder {
    public static func buildBlock(_ parts: [Node]...) -> [Node] { parts.flatMap { $0 } }
    public static func buildExpression(_ node: Node) -> [Node] { [node] }
    public static func buildExpression(_ nodes: [Node]) -> [Node] { nodes }
    public static func buildExpression(_ text: String) -> [Node] { [.text(text)] }
    public static func buildOptional(_ nodes: [Node]?) -> [Node] { nodes ?? [] }
    public static func buildEither(first nodes: [Node]) -> [Node] { nodes }
    public static func buildEither(second nodes: [Node]) -> [Node] { nodes }
    public static func buildArray(_ parts: [[Node]]) -> [Node] { parts.flatMap { $0 } }
}

public func el(_ tag: StaticString, _ attributes: Attribute..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
    Node.element(tag, attributes, content())
}

public func el(_ tag: StaticString, _ attributes: [Attribute], @NodeBuilder content: () -> [Node] = { [] }) -> Node {
    Node.element(tag, attributes, content())
}

extension Attribute {
    public static func `class`(_ value: String) -> Attribute { Attribute("class", value) }
    public static func id(_ value: String) -> Attribute { Attribute("id", value) }
    public static func name(_ value: String) -> Attribute { Attribute("name", value) }
    public static func value(_ value: String) -> Attribute { Attribute("value", value) }
    public static func type(_ value: String) -> Attribute { Attribute("type", value) }
    public static func action(_ path: String) -> Attribute { Attribute("action", SafeURL.check(path)) }
    public static func data(_ key: StaticString, _ value: String) -> Attribute { Attribute(key, value) }
    public static func aria(label: String) -> Attribute { Attribute("aria-label", label) }
}
