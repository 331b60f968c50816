extension SystemMigrations {
    /// Deals from before pipelines were configurable are in the default one, and their status
    /// follows from their stage; closed ones count as closed at their last change.
    static func opportunityPipelineAndStatus(_ d: Dialect) -> [String] {
        [
            "UPDATE opportunities SET pipeline = 'default' WHERE pipeline = ''",
            "UPDATE opportunities SET status = CASE stage WHEN 'won' THEN 'won' WHEN 'lost' THEN 'lost' ELSE 'open' END WHERE status = ''",
            "UPDATE opportunities SET closed_at = updated_at WHERE status <> 'open' AND closed_at IS NULL",
        ]
    }
}
