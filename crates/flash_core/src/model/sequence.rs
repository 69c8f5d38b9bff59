use serde::{Deserialize, Serialize};

use crate::object_map::Keyed;
use crate::{DataType, QualName};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sequence {
    pub name: QualName,
    #[serde(flatten)]
    pub options: SequenceOptions,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<SequenceOwner>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// The options a sequence and an identity column share. `None` means the database default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequenceOptions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<DataType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<i64>,
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub cycle: bool,
}

impl Sequence {
    pub fn new(name: QualName) -> Self {
        Sequence {
            name,
            options: SequenceOptions::default(),
            owned_by: None,
            comment: None,
        }
    }
}

/// `OWNED BY table.column`: the sequence is dropped with the column (serial columns own theirs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequenceOwner {
    pub table: QualName,
    pub column: String,
}

impl Keyed for Sequence {
    type Key = QualName;
    fn key(&self) -> QualName {
        self.name.clone()
    }
}
