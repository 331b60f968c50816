/// A table of figures that becomes one card per row on a phone, each value beside the name of
/// its column, so no figure needs sideways scrolling to be read.
enum DataTable {
    struct Cell {
        let content: Node
        var numeric = true

        static func text(_ text: String) -> Cell { Cell(content: .text(text), numeric: false) }
        static func number(_ text: String) -> Cell { Cell(content: .text(text)) }
    }

    static func render(_ classes: String = "", headers: [String], rows: [[Cell]]) -> Node {
        el("table", .class(("data stacked " + classes).trimmingCharacters(in: .whitespaces))) {
            el("thead") { el("tr") { for header in headers { el("th") { header } } } }
            el("tbody") {
                for row in rows {
                    el("tr") {
                        for (header, cell) in zip(headers, row) {
                            el("td", .class(cell.numeric ? "num" : ""), .data("data-label", header)) { cell.content }
                        }
                    }
                }
            }
        }
    }
}
