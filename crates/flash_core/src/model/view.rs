use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::object_map::Keyed;
use crate::QualName;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub name: QualName,
    /// An explicit column list (`CREATE VIEW v (a, b) AS ...`), empty when the query names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// The query in canonical printed form.
    pub query: String,
    /// `check_option`, `security_barrier`, `security_invoker` (PostgreSQL); `algorithm`, `sql_security` (MySQL).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub column_comments: BTreeMap<String, String>,
}

impl Keyed for View {
    type Key = QualName;
    fn key(&self) -> QualName {
        self.name.clone()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterializedView {
    pub name: QualName,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    pub query: String,
    /// `WITH NO DATA` leaves it unpopulated until the first REFRESH.
    pub with_data: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub column_comments: BTreeMap<String, String>,
}

impl Keyed for MaterializedView {
    type Key = QualName;
    fn key(&self) -> QualName {
        self.name.clone()
    }
}
