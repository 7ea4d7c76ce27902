//! The `lupi` command: parses arguments and calls the library.

fn main() -> std::process::ExitCode {
    lupi::cli::main()
}
