//! Stopping watch mode and the dev server: Ctrl-C (SIGINT), SIGTERM (a service manager, a
//! closing terminal's `kill`) and SIGHUP (the terminal itself closing) all stop it the same
//! way, within a moment, and never in the middle of a write into the output folder.
//!
//! The signal handler only writes the signal's number into a pipe (the one thing a handler
//! may safely do); a thread blocked on the other end does the rest. Nothing wakes up while
//! no signal comes.

use std::sync::{Arc, Mutex};

/// What stops the process: the signals, and the guard a write in place holds.
pub struct Stopper {
    /// Held by a write in progress ([`super::writer::Writer::guard`]).
    pub write_guard: Arc<Mutex<()>>,
}

impl Stopper {
    /// On the first of SIGINT, SIGTERM or SIGHUP: waits for a write in progress, prints
    /// "stopping" and ends the process with exit code 0. A build in progress is dropped (its
    /// staged site, never the output, is what is left; the next build clears it).
    pub fn install(self) -> Result<(), String> {
        let guard = self.write_guard;
        on_signal(move |_signal| {
            let _writing = guard.lock().unwrap_or_else(|e| e.into_inner());
            eprintln!("stopping");
            std::process::exit(0);
        })
    }
}

#[cfg(unix)]
mod unix {
    use std::sync::atomic::{AtomicI32, Ordering};

    /// The pipe's writing end, for the handler.
    pub static PIPE: AtomicI32 = AtomicI32::new(-1);

    pub extern "C" fn handler(signal: libc::c_int) {
        let fd = PIPE.load(Ordering::Relaxed);
        if fd >= 0 {
            let byte = signal as u8;
            // SAFETY: `write` is async-signal-safe; the byte outlives the call.
            unsafe {
                libc::write(fd, (&byte as *const u8).cast(), 1);
            }
        }
    }
}

/// Calls `then` with the signal's number, on a thread of its own, when the process receives
/// SIGINT, SIGTERM or SIGHUP.
#[cfg(unix)]
pub fn on_signal(then: impl FnOnce(i32) + Send + 'static) -> Result<(), String> {
    use std::sync::atomic::Ordering;
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `pipe` fills the two-element array it is given.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return Err(format!(
            "cannot set up stopping on signals: {}",
            std::io::Error::last_os_error()
        ));
    }
    let [read_end, write_end] = fds;
    unix::PIPE.store(write_end, Ordering::Relaxed);
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: the action is zero-initialised and then given a handler that only calls
        // the async-signal-safe `write`; the old action is not needed.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = unix::handler as *const () as libc::sighandler_t;
            action.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
    std::thread::Builder::new()
        .name("ipreport stop".into())
        .spawn(move || {
            let mut byte = 0u8;
            loop {
                // SAFETY: reads one byte into a local that outlives the call.
                let n = unsafe { libc::read(read_end, (&mut byte as *mut u8).cast(), 1) };
                if n == 1 {
                    then(i32::from(byte));
                    return;
                }
                if n == 0
                    || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted
                {
                    return;
                }
            }
        })
        .map(drop)
        .map_err(|e| format!("cannot set up stopping on signals: {e}"))
}

#[cfg(not(unix))]
pub fn on_signal(_then: impl FnOnce(i32) + Send + 'static) -> Result<(), String> {
    Ok(())
}
