//! Work done on every core ahead of the threads that use it: `f` of each item is computed by worker threads, a
//! run of items at a time in order, while readers ask for results by index and wait only for the run that holds
//! theirs. A reader that builds a schema statement by statement thus starts on the first statements while the
//! workers are still on later ones, instead of waiting for all of them.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};

/// Items per run: enough that taking a run costs nothing next to computing it, few enough that a reader soon has
/// the first ones.
const RUN: usize = 16;

/// The results of `f` over `items`, as they come.
pub struct Ahead<'i, T, R> {
    items: &'i [T],
    runs: Vec<Run<R>>,
    next: AtomicUsize,
    /// A worker panicked: what readers wait for may never come (the panic goes on when the scope ends).
    failed: AtomicBool,
}

struct Run<R> {
    results: OnceLock<Vec<R>>,
    /// Taken by a waiting reader and by the worker that announces the results, so that none is missed.
    announce: Mutex<()>,
    ready: Condvar,
}

/// Runs `read` with the results of `f` over `items` arriving as worker threads (one per core) compute them, and
/// returns what `read` returns.
pub fn ahead<T: Sync, R: Send + Sync, O>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
    read: impl FnOnce(&Ahead<'_, T, R>) -> O,
) -> O {
    let runs = items.len().div_ceil(RUN);
    let ahead = Ahead {
        items,
        runs: (0..runs)
            .map(|_| Run {
                results: OnceLock::new(),
                announce: Mutex::new(()),
                ready: Condvar::new(),
            })
            .collect(),
        next: AtomicUsize::new(0),
        failed: AtomicBool::new(false),
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(runs);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| ahead.work(&f));
        }
        read(&ahead)
    })
}

impl<T, R> Ahead<'_, T, R> {
    fn work(&self, f: &impl Fn(&T) -> R) {
        let _wake = WakeOnPanic(self);
        loop {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(run) = self.runs.get(index) else {
                return;
            };
            let items = &self.items[index * RUN..self.items.len().min((index + 1) * RUN)];
            let _ = run.results.set(items.iter().map(f).collect());
            let _announce = run.announce.lock().unwrap_or_else(|p| p.into_inner());
            run.ready.notify_all();
        }
    }

    /// The result for item `i`, once its run is computed; `None` past the end.
    pub fn get(&self, i: usize) -> Option<&R> {
        let run = self.runs.get(i / RUN)?;
        if let Some(results) = run.results.get() {
            return results.get(i % RUN);
        }
        let mut announce = run.announce.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(results) = run.results.get() {
                return results.get(i % RUN);
            }
            if self.failed.load(Ordering::Relaxed) {
                return None;
            }
            announce = run.ready.wait(announce).unwrap_or_else(|p| p.into_inner());
        }
    }
}

/// Lets the readers go when a worker panics.
struct WakeOnPanic<'a, 'i, T, R>(&'a Ahead<'i, T, R>);

impl<T, R> Drop for WakeOnPanic<'_, '_, T, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.failed.store(true, Ordering::Relaxed);
            for run in &self.0.runs {
                let _announce = run.announce.lock().unwrap_or_else(|p| p.into_inner());
                run.ready.notify_all();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_result_arrives_in_its_place() {
        let items: Vec<usize> = (0..1000).collect();
        let seen = ahead(
            &items,
            |n| n * 2,
            |a| {
                (0..items.len())
                    .map(|i| a.get(i).copied())
                    .collect::<Vec<_>>()
            },
        );
        assert_eq!(seen, items.iter().map(|n| Some(n * 2)).collect::<Vec<_>>());
        assert_eq!(ahead(&items, |n| *n, |a| a.get(items.len()).copied()), None);
        assert_eq!(ahead(&[] as &[usize], |n| *n, |a| a.get(0).copied()), None);
    }
}
