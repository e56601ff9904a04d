import ArgumentParser

/// The `custos` command: every operation of the platform, for people and scripts.
@main
struct Custos: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "custos",
        abstract:
            "Custos: intellectual-property protection — rights registry, infringement clues, screening, evidence.",
        subcommands: [
            DemoCommand.self, ImportCommand.self, MarksCommand.self, ScreenCommand.self, CluesCommand.self,
            EvidenceCommand.self, ServeCommand.self, OrgCommand.self, UserCommand.self, TokenCommand.self,
            DamagesCommand.self, ComplaintCommand.self, CaseCommand.self, DisclosureCommand.self, DevCommand.self,
            ImageCommand.self, CopyCommand.self,
        ])
}
