//! Flash project configuration.
