import Foundation
import StrandCore
import Testing

/// The lives of quotations, orders and contracts: the status each starts in, when it may be
/// edited, which moves a person makes by hand, what may be made from it and when, and from
/// which statuses a new revision starts.
@Suite struct DocumentFlowTests {
    let quotation = EntityDefinition.quotationFlow
    let order = EntityDefinition.orderFlow
    let contract = EntityDefinition.contractFlow

    @Test func aQuotationIsEditedInDraftAndApprovedBeforeItGoesOut() {
        #expect(self.quotation.statuses == ["draft", "pending", "approved", "sent", "accepted", "rejected", "expired"])
        #expect(self.quotation.initial == DocumentFlow.draft)
        #expect(self.quotation.editable == [DocumentFlow.draft])
        #expect(self.quotation.approved)
        // Submitting and deciding an approval are not moves made by hand.
        #expect(!self.quotation.canMove(from: "draft", to: "pending"))
        #expect(!self.quotation.canMove(from: "draft", to: "approved"))
        #expect(!self.quotation.canMove(from: "pending", to: "approved"))
        #expect(!self.quotation.canMove(from: "draft", to: "sent"))
    }

    @Test func anApprovedQuotationIsSentAndThenAcceptedOrRejected() {
        for next in ["sent", "accepted", "rejected"] { #expect(self.quotation.canMove(from: "approved", to: next)) }
        #expect(self.quotation.canMove(from: "sent", to: "accepted"))
        #expect(self.quotation.canMove(from: "sent", to: "rejected"))
        #expect(!self.quotation.canMove(from: "sent", to: "approved"))
        // Expiry is not a hand move, and an accepted, rejected or expired quotation moves no further.
        #expect(!self.quotation.canMove(from: "sent", to: "expired"))
        for status in ["accepted", "rejected", "expired"] {
            #expect(self.quotation.statuses.allSatisfy { !self.quotation.canMove(from: status, to: $0) })
        }
    }

    @Test func ordersAndContractsAreMadeOnlyFromAnAcceptedQuotation() {
        #expect(self.quotation.derivable == ["sales_order": ["accepted"], "contract": ["accepted"]])
        for status in self.quotation.statuses where status != "accepted" {
            #expect(!(self.quotation.derivable["sales_order"]?.contains(status) ?? false))
        }
        // A contract may also be made from any order not cancelled; nothing is made from a contract.
        #expect(self.order.derivable == ["contract": ["confirmed", "in_delivery", "delivered"]])
        #expect(self.contract.derivable.isEmpty)
    }

    @Test func anOrderNeedsNoApprovalAndMayBeCancelledUntilDelivered() {
        #expect(!self.order.approved)
        #expect(self.order.initial == "confirmed")
        #expect(self.order.editable == ["confirmed", "in_delivery"])
        #expect(self.order.canMove(from: "confirmed", to: "in_delivery"))
        #expect(self.order.canMove(from: "confirmed", to: "delivered"))
        #expect(self.order.canMove(from: "in_delivery", to: "delivered"))
        #expect(self.order.canMove(from: "confirmed", to: "cancelled"))
        #expect(self.order.canMove(from: "in_delivery", to: "cancelled"))
        #expect(!self.order.canMove(from: "delivered", to: "cancelled"))
        #expect(!self.order.canMove(from: "in_delivery", to: "confirmed"))
        #expect(!self.order.canMove(from: "cancelled", to: "confirmed"))
        #expect(self.order.revisable.isEmpty)
    }

    @Test func aContractIsSignedAfterApprovalAndThenEndsOrIsTerminated() {
        #expect(self.contract.approved && self.contract.initial == "draft" && self.contract.editable == ["draft"])
        #expect(self.contract.canMove(from: "approved", to: "signed"))
        #expect(!self.contract.canMove(from: "draft", to: "signed"))
        #expect(!self.contract.canMove(from: "pending", to: "signed"))
        #expect(self.contract.canMove(from: "signed", to: "ended"))
        #expect(self.contract.canMove(from: "signed", to: "terminated"))
        #expect(!self.contract.canMove(from: "approved", to: "ended"))
        #expect(!self.contract.canMove(from: "ended", to: "signed"))
        #expect(!self.contract.canMove(from: "terminated", to: "signed"))
        // Signing fills the day it was signed on.
        #expect(self.contract.dated == ["signed": "signed_on"])
        #expect(self.quotation.dated.isEmpty && self.order.dated.isEmpty)
    }

    @Test func aNewRevisionStartsOnlyFromAnApprovedOrLaterDocument() {
        #expect(self.quotation.revisable == ["approved", "sent", "rejected", "expired"])
        #expect(self.contract.revisable == ["approved", "signed"])
        for flow in [self.quotation, self.contract] {
            #expect(!flow.revisable.contains(DocumentFlow.draft))
            #expect(!flow.revisable.contains(DocumentFlow.pending))
        }
        // An accepted quotation has orders made from it; an ended or terminated contract is history.
        #expect(!self.quotation.revisable.contains("accepted"))
        #expect(!self.contract.revisable.contains("ended") && !self.contract.revisable.contains("terminated"))
    }

    @Test func everyStatusAFlowNamesIsOneOfItsOwnAndMatchesItsEntity() {
        let catalog = EntityCatalog()
        for (key, flow) in [("quotation", self.quotation), ("sales_order", self.order), ("contract", self.contract)] {
            let statuses = Set(flow.statuses)
            #expect(statuses.contains(flow.initial), "\(key)")
            #expect(flow.editable.isSubset(of: statuses), "\(key)")
            #expect(flow.revisable.isSubset(of: statuses), "\(key)")
            for (from, targets) in flow.moves { #expect(statuses.contains(from) && Set(targets).isSubset(of: statuses), "\(key) \(from)") }
            for (made, from) in flow.derivable {
                #expect(from.isSubset(of: statuses), "\(key) → \(made)")
                #expect(catalog.entity(made)?.documentFlow != nil, "\(key) → \(made)")
            }
            // The approval statuses exist in every approved flow.
            if flow.approved {
                #expect(statuses.isSuperset(of: [DocumentFlow.draft, DocumentFlow.pending, DocumentFlow.approvedStatus]), "\(key)")
            }
            let entity = catalog.entity(key)
            #expect(entity?.documentFlow?.statuses == flow.statuses, "\(key)")
            #expect(entity?.field("status")?.options == flow.statuses, "\(key)")
            for (status, field) in flow.dated {
                #expect(statuses.contains(status) && entity?.field(field)?.type == .date, "\(key) \(field)")
            }
        }
    }

    @Test func aFlowMovesOnlyAsListed() {
        let invoice = DocumentFlow(statuses: ["draft", "pending", "approved", "issued", "void"], moves: ["approved": ["issued"], "issued": ["void"]])
        #expect(invoice.initial == "draft" && invoice.editable == ["draft"] && invoice.approved)
        #expect(invoice.revisable.isEmpty && invoice.derivable.isEmpty && invoice.dated.isEmpty)
        #expect(invoice.canMove(from: "approved", to: "issued"))
        #expect(!invoice.canMove(from: "approved", to: "void"))
        #expect(!invoice.canMove(from: "issued", to: "issued"))
        #expect(!invoice.canMove(from: "paid", to: "void"))
        #expect(!invoice.canMove(from: "", to: ""))
    }
}
