//! Work done on every core ahead of the threads that use it: `f` of each item is computed by worker threads, a
//! run of items at a time in order, while readers take results by index and wait only for the run that holds
//! theirs. A reader that builds a schema statement by statement thus starts on the first statements while the
//! workers are still on later ones, instead of waiting for all of them; and a run's results are freed by the
//! reader that takes their last use, while the work goes on, rather than all at once at the end.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

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
    state: Mutex<State<R>>,
    ready: Condvar,
}

enum State<R> {
    /// Not computed yet; the number of takes its results will see.
    Pending(usize),
    /// Computed; takes still to come.
    Ready(Vec<Arc<R>>, usize),
    /// Every use taken.
    Done,
}

/// Runs `read` with the results of `f` over `items` arriving as worker threads (one per core) compute them, and
/// returns what `read` returns. `uses[i]` is how many times item `i` will be taken.
pub fn ahead<T: Sync, R: Send + Sync, O>(
    items: &[T],
    uses: &[usize],
    f: impl Fn(&T) -> R + Sync,
    read: impl FnOnce(&Ahead<'_, T, R>) -> O,
) -> O {
    let ahead = Ahead {
        items,
        runs: items
            .chunks(RUN)
            .enumerate()
            .map(|(run, chunk)| {
                let takes = uses.iter().skip(run * RUN).take(chunk.len()).sum();
                Run {
                    state: Mutex::new(State::Pending(takes)),
                    ready: Condvar::new(),
                }
            })
            .collect(),
        next: AtomicUsize::new(0),
        failed: AtomicBool::new(false),
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(ahead.runs.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| ahead.work(&f));
        }
        read(&ahead)
    })
}

fn lock<S>(mutex: &Mutex<S>) -> MutexGuard<'_, S> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
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
            let results: Vec<Arc<R>> = items.iter().map(|item| Arc::new(f(item))).collect();
            let mut state = lock(&run.state);
            if let State::Pending(takes) = *state {
                *state = State::Ready(results, takes);
            }
            run.ready.notify_all();
        }
    }

    /// The result for item `i`, once its run is computed; each of its uses takes it once. `None` past the end or
    /// past its uses.
    pub fn take(&self, i: usize) -> Option<Arc<R>> {
        let run = self.runs.get(i / RUN)?;
        let mut state = lock(&run.state);
        loop {
            match &mut *state {
                State::Pending(_) if self.failed.load(Ordering::Relaxed) => return None,
                State::Pending(_) => {
                    state = run.ready.wait(state).unwrap_or_else(|p| p.into_inner());
                }
                State::Ready(results, takes) => {
                    let result = results.get(i % RUN).cloned();
                    *takes = takes.saturating_sub(1);
                    if *takes == 0 {
                        // The run's last use: its results go with the last clone handed out.
                        *state = State::Done;
                    }
                    return result;
                }
                State::Done => return None,
            }
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
                let _state = lock(&run.state);
                run.ready.notify_all();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_use_of_every_result_arrives_and_then_no_more() {
        let items: Vec<usize> = (0..1000).collect();
        // Every third item is taken twice.
        let uses: Vec<usize> = items.iter().map(|n| 1 + usize::from(n % 3 == 0)).collect();
        let (seen, again, spent) = ahead(
            &items,
            &uses,
            |n| n * 2,
            |a| {
                let seen: Vec<Option<usize>> =
                    (0..items.len()).map(|i| a.take(i).map(|r| *r)).collect();
                let again: Vec<Option<usize>> = (0..items.len())
                    .filter(|i| i % 3 == 0)
                    .map(|i| a.take(i).map(|r| *r))
                    .collect();
                (seen, again, a.take(0))
            },
        );
        assert_eq!(seen, items.iter().map(|n| Some(n * 2)).collect::<Vec<_>>());
        assert!(again.iter().enumerate().all(|(k, r)| *r == Some(k * 3 * 2)));
        assert_eq!(spent, None);
        assert_eq!(
            ahead(&items, &uses, |n| *n, |a| a.take(items.len()).map(|r| *r)),
            None
        );
        assert_eq!(
            ahead(&[] as &[usize], &[], |n| *n, |a| a.take(0).map(|r| *r)),
            None
        );
    }
}
