/// A horizontal bar chart as inline SVG, drawn by the server: one row per item, each with up to
/// two bars (say amount and weighted amount) scaled to the largest value. Pages put the table of
/// the same numbers beside it, so the chart is never the only way to read them.
enum BarChart {
    struct Row: Sendable {
        let label: String
        let values: [Int64]
        let caption: String
    }

    static let width = 640, labelWidth = 120, rowHeight = 34

    static func render(_ rows: [Row], title: String, centered: Bool = false) -> Node {
        let largest = max(rows.flatMap(\.values).max() ?? 0, 1)
        let plot = Double(self.width - self.labelWidth - 10)
        let height = max(rows.count, 1) * self.rowHeight
        return el("svg", Attribute("viewBox", "0 0 \(self.width) \(height)"), .class("chart"), Attribute("role", "img"),
                  .aria(label: title)) {
            for (index, row) in rows.enumerated() {
                let top = index * self.rowHeight
                el("text", Attribute("x", "0"), Attribute("y", String(top + 20)), .class("chart-label")) { row.label }
                for (series, value) in row.values.enumerated() {
                    let length = plot * Double(value) / Double(largest)
                    let left = Double(self.labelWidth) + (centered ? (plot - length) / 2 : 0)
                    el("rect", Attribute("x", String(format2(left))), Attribute("y", String(top + 4 + series * 12)),
                       Attribute("width", String(format2(max(length, value > 0 ? 1 : 0)))), Attribute("height", "11"),
                       .class("chart-bar series-\(series)"))
                }
                el("title") { row.label + "：" + row.caption }
            }
        }
    }

    /// Two decimals are plenty for a coordinate.
    static func format2(_ value: Double) -> String {
        String(Double(Int((value * 100).rounded())) / 100)
    }
}
