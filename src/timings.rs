//! Stage timings for profiling and benchmarks (`IPREPORT_TIMINGS=1`): every stage of a build
//! or rebuild reports its wall time, its CPU time and the memory held at its end. A small
//! module of its own, so that every stage can time itself without reaching into another.

/// Stage timings on stderr when `IPREPORT_TIMINGS` is set, for profiling and benchmarks:
/// wall time and the CPU time of the whole process (all threads) in each stage, whose ratio
/// shows how well a stage keeps the cores busy, and the memory held at its end.
pub(crate) struct Timer {
    enabled: bool,
    last: std::time::Instant,
    last_cpu: std::time::Duration,
}

impl Timer {
    pub(crate) fn new() -> Timer {
        let enabled = std::env::var_os("IPREPORT_TIMINGS").is_some();
        Timer {
            enabled,
            last: std::time::Instant::now(),
            last_cpu: if enabled {
                process_cpu_time()
            } else {
                std::time::Duration::ZERO
            },
        }
    }

    pub(crate) fn lap(&mut self, stage: &str) {
        if self.enabled {
            let cpu = process_cpu_time();
            eprintln!(
                "  {stage:<10} {:>7.1} ms  cpu {:>7.1} ms  rss {:>5} MiB",
                self.last.elapsed().as_secs_f64() * 1000.0,
                cpu.saturating_sub(self.last_cpu).as_secs_f64() * 1000.0,
                resident_mib()
            );
            self.last_cpu = cpu;
        }
        self.last = std::time::Instant::now();
    }
}

/// User and system time of every thread of this process so far.
#[cfg(target_os = "linux")]
fn process_cpu_time() -> std::time::Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `getrusage` fills the struct it is given; on failure it stays zeroed.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let time = |t: libc::timeval| {
        std::time::Duration::from_secs(t.tv_sec as u64)
            + std::time::Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

#[cfg(not(target_os = "linux"))]
fn process_cpu_time() -> std::time::Duration {
    std::time::Duration::ZERO
}

/// The memory the process holds now, in MiB.
#[cfg(target_os = "linux")]
fn resident_mib() -> u64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap_or(0);
    // SAFETY: `sysconf` only reads a constant of the system.
    let page_size = u64::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096);
    pages * page_size / (1 << 20)
}

#[cfg(not(target_os = "linux"))]
fn resident_mib() -> u64 {
    0
}
