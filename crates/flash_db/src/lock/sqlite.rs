//! SQLite: an exclusive OS file lock (`flock`) on `<database>.flash-lock`, next to the database file.
//!
//! SQLite's own locks last one transaction, and Flash commits each migration on its own, so they cannot keep a
//! second apply out between two migrations. Holding an `EXCLUSIVE` transaction for the whole run would instead turn
//! every migration into one all-or-nothing transaction. A file lock lasts as long as Flash wants, and the kernel
//! drops it when the process ends, however it ends (SIGKILL included), so a crashed apply never leaves it behind.
//! The file itself may stay; it only says who held the lock last: the holder writes its pid and start time into it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::DbError;

#[derive(Debug)]
pub struct FileLock {
    _file: File,
}

fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".flash-lock");
    PathBuf::from(name)
}

pub fn try_lock(db: &Path) -> Result<Option<FileLock>, DbError> {
    let path = lock_path(db);
    let failed = |source| DbError::LockFile {
        path: path.display().to_string(),
        source,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(failed)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Ok(None),
        Err(TryLockError::Error(e)) => return Err(failed(e)),
    }
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let who = format!(
        "process {} (flash apply, started at unix time {since})",
        std::process::id()
    );
    file.set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(who.as_bytes()))
        .map_err(failed)?;
    Ok(Some(FileLock { _file: file }))
}

pub fn holder(db: &Path) -> String {
    let mut text = String::new();
    let read = File::open(lock_path(db)).and_then(|mut f| f.read_to_string(&mut text));
    match read {
        Ok(_) if !text.trim().is_empty() => {
            format!("{} (lock file {})", text.trim(), lock_path(db).display())
        }
        _ => format!("another process (lock file {})", lock_path(db).display()),
    }
}
