//! `ipreport serve`.

use std::net::IpAddr;
use std::path::PathBuf;

use crate::output;
use crate::serve::{self, ServeOptions};

pub struct ServeArgs {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
}

pub fn run(args: ServeArgs) -> i32 {
    let out_dir = args.root.join("public");
    if let Err(d) = output::check_output_dir(&args.root, &out_dir) {
        super::print_diagnostics(&[d], &Default::default());
        return 1;
    }
    let options = ServeOptions {
        root: args.root,
        out_dir,
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
    };
    match serve::run(options) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}
