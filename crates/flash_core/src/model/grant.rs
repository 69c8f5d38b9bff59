use serde::{Deserialize, Serialize};

/// One privilege granted on one object to one grantee. Grants are a set: the schema keeps them sorted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Grant {
    /// `table`, `sequence`, `function`, `schema`, `type`, `database`, ...
    pub object_kind: String,
    /// The object's qualified name (for routines, with the argument types).
    pub object: String,
    /// Upper-case privilege, e.g. `SELECT`, `USAGE`, `ALL`.
    pub privilege: String,
    /// Column-level grants name their columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    pub grantee: String,
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub with_grant_option: bool,
}
