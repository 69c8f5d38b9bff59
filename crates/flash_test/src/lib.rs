//! Test harness shared by Flash's crates.
