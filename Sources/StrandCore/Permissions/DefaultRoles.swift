/// The roles a new Strand starts with; their keys are stable, so code and tests may name them.
public enum DefaultRoles {
    public static let recordEntities = EntityCatalog().entities.map(\.key)

    public static var all: [Role] { [salesRep, manager, generalManager, admin] }

    public static let salesRep = Role(
        key: "sales_rep", name: "销售员",
        grants: grants([.view: .own, .create: .own, .edit: .own, .export: .own]).filter { !purchasingEntities.contains($0.key) }
    )

    public static let manager = Role(
        key: "manager", name: "部门经理",
        grants: grants([.view: .departmentTree, .create: .departmentTree, .edit: .departmentTree,
                        .assign: .departmentTree, .export: .departmentTree])
    )

    public static let generalManager = Role(
        key: "general_manager", name: "总经理",
        grants: grants(Dictionary(uniqueKeysWithValues: Action.allCases.map { ($0, Scope.all) }))
    )

    public static let admin = Role(
        key: "admin", name: "管理员",
        grants: grants(Dictionary(uniqueKeysWithValues: Action.allCases.map { ($0, Scope.all) })),
        isAdmin: true
    )

    /// The company's catalogue (products, their categories, price books): everyone sees all
    /// of it, and only the general manager and administrators change it.
    /// What the company buys and owes (suppliers, payables): no sales rep's by default.
    public static let purchasingEntities = Set(EntityCatalog().entities.filter(\.purchasing).map(\.key))

    public static let catalogueEntities = Set(EntityCatalog().entities.filter(\.catalogue).map(\.key))

    static func grants(_ actions: [Action: Scope]) -> [String: [Action: Scope]] {
        let everything = actions.values.allSatisfy { $0 == .all }
        return Dictionary(uniqueKeysWithValues: recordEntities.map { entity in
            guard catalogueEntities.contains(entity), !everything else { return (entity, actions) }
            return (entity, [.view: .all, .export: actions[.export] ?? .none])
        })
    }
}
