/// Every feature of the web layer, in order: the server registers their routes, the menu
/// shows their entries and a record's page their actions in this order, and the scheduler runs
/// their jobs. A new area of Strand is one more line here and a folder of its own name.
enum Features {
    static let all: [any Feature] = [
        RecordsFeature(), PoolFeature(), PipelineFeature(), CommerceFeature(), CalendarFeature(),
        WorkbenchFeature(), TransferFeature(), AccountFeature(), AdminFeature(),
    ]
}
