use serde::{Deserialize, Serialize};

use crate::object_map::Keyed;

/// A PostgreSQL schema (`CREATE SCHEMA`). Named `Namespace` so it is not confused with [`crate::Schema`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Namespace {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Namespace {
    /// The comment `public` has in every new PostgreSQL database (it comes from `template1`).
    pub const POSTGRES_PUBLIC_COMMENT: &'static str = "standard public schema";

    /// PostgreSQL's `public` as a new database has it. Schema files do not declare `public`; they may comment on it,
    /// and then the model holds it, with that comment. A model without `public` means this one: the differ compares
    /// it so, and the inspector leaves out a `public` that is still like it (`is_default_postgres_public`).
    pub fn postgres_public() -> Namespace {
        Namespace {
            name: "public".into(),
            owner: None,
            comment: Some(Self::POSTGRES_PUBLIC_COMMENT.into()),
        }
    }

    /// Is this `public` as a new database has it, or with no comment at all (as `DROP SCHEMA public CASCADE;
    /// CREATE SCHEMA public` leaves it), so that the model leaves it out? Either is what files that never mention
    /// `public` describe; a plan that resets the comment restores the first.
    pub fn is_default_postgres_public(&self) -> bool {
        self.name == "public"
            && self.owner.is_none()
            && self
                .comment
                .as_deref()
                .is_none_or(|c| c == Self::POSTGRES_PUBLIC_COMMENT)
    }
}

impl Keyed for Namespace {
    type Key = String;
    fn key(&self) -> String {
        self.name.clone()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Keyed for Extension {
    type Key = String;
    fn key(&self) -> String {
        self.name.clone()
    }
}
