use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::data::mnist::{DEFAULT_MIRROR, data_dir, fetch};

/// Arguments of `lupi data`.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// What to do with data sets.
    #[command(subcommand)]
    pub command: DataCommand,
}

/// Data-set subcommands.
#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Download a data set and verify it against the checksums built into lupi.
    Fetch(FetchArgs),
}

/// The data sets lupi can download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Dataset {
    /// The four MNIST IDX files (about 11 MB compressed, 55 MB on disk).
    Mnist,
}

/// Arguments of `lupi data fetch`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Which data set.
    #[arg(value_enum)]
    pub dataset: Dataset,
    /// Base URL of the mirror; each file is fetched as `<mirror>/<name>.gz`.
    #[arg(long, default_value = DEFAULT_MIRROR)]
    pub mirror: String,
    /// Where to put the files; default: `LUPI_DATA_DIR`, then the user's cache directory
    /// (e.g. `~/.cache/lupi/mnist`).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

pub fn run(args: DataArgs) -> anyhow::Result<()> {
    match args.command {
        DataCommand::Fetch(fetch_args) => match fetch_args.dataset {
            Dataset::Mnist => {
                let directory = data_dir(fetch_args.dir)?;
                tracing::info!(mirror = %fetch_args.mirror, dir = %directory.display(), "fetching MNIST");
                let paths = fetch(&fetch_args.mirror, &directory)?;
                for path in paths {
                    println!("verified {}", path.display());
                }
                Ok(())
            }
        },
    }
}
