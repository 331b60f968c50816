import Foundation
import StrandCore
import StrandMail
import StrandStore

/// Sends what waits in the outbox through the administrator's mail server, wording each
/// notification in its reader's language; a failed message is tried again later
/// (`MailOutbox.retryMinutes`), one the server refuses for good is marked failed at once.
struct MailSender: Sendable {
    let strand: Strand

    static let settingsKey = "mail"

    static func settings(_ database: StoreDatabase) async throws -> SmtpSettings {
        guard let text = try await database.read({ try await Settings.value(self.settingsKey, db: $0) }) else { return SmtpSettings() }
        return (try? JSONDecoder().decode(SmtpSettings.self, from: Data(text.utf8))) ?? SmtpSettings()
    }

    /// Sends the messages due by `now`; returns how many went out.
    func sendDue(now: Int64) async throws -> Int {
        let settings = try await Self.settings(self.strand.database)
        guard settings.isConfigured else { return 0 }
        var sent = 0
        while true {
            let messages = try await MailOutbox.claim(now: now, limit: 20, database: self.strand.database)
            for message in messages where try await self.send(message, settings) { sent += 1 }
            if messages.count < 20 { return sent }
        }
    }

    func send(_ message: MailOutbox.Message, _ settings: SmtpSettings) async throws -> Bool {
        let (subject, body) = self.words(message, settings)
        do {
            try await SmtpClient.send(MailMessage(fromAddress: settings.fromAddress, fromName: settings.fromName, to: message.to,
                                                  subject: subject, body: body), settings: settings)
            try await MailOutbox.sent(message.id, subject: subject, body: body, now: Clock.millis(), database: self.strand.database)
            return true
        } catch {
            try await MailOutbox.failed(message, error: String(describing: error), permanent: (error as? SmtpError)?.isPermanent ?? false,
                                        now: Clock.millis(), database: self.strand.database)
            return false
        }
    }

    /// A notification's subject and body in its reader's words, with the link to its record.
    func words(_ message: MailOutbox.Message, _ settings: SmtpSettings) -> (String, String) {
        guard let notice = message.notice else { return (message.subject, message.body) }
        let s = Strings(message.language.flatMap(Language.init) ?? .zhHans)
        let zone = message.timeZone.flatMap(TimeZone.init(identifier:)) ?? JobScheduler.companyTimeZone
        let text = NoticeText.text(notice, strings: s, timeZone: zone, catalog: self.strand.catalog)
        let site = settings.siteURL.hasSuffix("/") ? String(settings.siteURL.dropLast()) : settings.siteURL
        let link = site.isEmpty ? "" : "\n\n" + site + NoticeText.path(notice, catalog: self.strand.catalog)
        return (text, text + link + "\n\n-- \n" + s("mail.footer"))
    }
}
