import ArgumentParser

/// The `custos` command.
@main
struct Custos: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "custos", abstract: "Custos: intellectual-property protection.")
}
