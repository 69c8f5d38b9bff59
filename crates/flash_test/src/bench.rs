//! What every benchmark in the repository measures with: run counts from the environment, min and median, and one
//! way of printing a duration, so their figures read alike.

use std::time::Duration;

/// A count from the environment (`FLASH_BENCH_RUNS`, `FLASH_BENCH_TABLES`), else `default`.
pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// The fastest and the median of `times` (zero for none).
pub fn min_median(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let min = times.first().copied().unwrap_or_default();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    (min, median)
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_and_median_of_unsorted_times() {
        let t = |ms| Duration::from_millis(ms);
        assert_eq!(min_median(vec![t(30), t(10), t(20)]), (t(10), t(20)));
        assert_eq!(min_median(Vec::new()), (t(0), t(0)));
        assert_eq!(ms(t(1500)), "1500.00 ms");
    }
}
