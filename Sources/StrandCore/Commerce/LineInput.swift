import Foundation

/// Lines as a person sends them: per row a product (by id, or by code as typed in a form), a quantity, a discount (percent) and a note.
/// Rows left wholly blank (the spare rows of a form) are dropped; a mistake names its row
/// (counted from 1) and what is wrong in it.
public enum LineInput {
    public static let columns = ["product_id", "product_code", "quantity", "discount", "notes"]

    public static func parse(_ input: InputValue) -> Result<[LineItem], FieldError> {
        guard case .rows(let rows) = input else { return .failure(.invalid) }
        var lines: [LineItem] = []
        for (index, row) in rows.enumerated() {
            let cells = row.mapValues { $0.trimmed }
            if columns.allSatisfy({ (cells[$0] ?? "").isEmpty }) { continue }
            func failure(_ column: String) -> Result<[LineItem], FieldError> {
                .failure(FieldError("line_" + column, ["line": String(index + 1)]))
            }
            let code = cells["product_code"] ?? ""
            let product = Int64(cells["product_id"] ?? "") ?? 0
            guard product > 0 || (!code.isEmpty && code.count <= 50) else { return failure("product_id") }
            guard let quantity = ScaledDecimal.parse(cells["quantity"] ?? "", scale: 2), quantity > 0,
                  quantity <= 100_000_000_00 else { return failure("quantity") }
            let discountText = cells["discount"] ?? ""
            guard let discount = discountText.isEmpty ? 0 : ScaledDecimal.parse(discountText, scale: 2),
                  (0...10_000).contains(discount) else { return failure("discount") }
            let notes = cells["notes"] ?? ""
            guard notes.count <= 200 else { return failure("notes") }
            var line = LineItem(productId: product, quantity: quantity, discount: discount, notes: notes)
            if product == 0 { line.code = code }
            lines.append(line)
        }
        guard lines.count <= LineItems.maximumCount else {
            return .failure(FieldError("too_many_lines", ["max": String(LineItems.maximumCount)]))
        }
        return .success(lines)
    }
}
