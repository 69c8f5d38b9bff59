//! Dependency ordering: the renderers' statements in phase order, except where an object must exist before another
//! that uses it (a function before the table default that calls it, a view before the view over it) or a dependent
//! must go before what it depends on (a view before the table it reads).
//!
//! The statements are a graph: an edge runs from each creation to the creations of the objects that use it in the
//! target schema, and from each drop of a dependent to the drop of what it depends on in the source schema. A
//! topological walk that always takes the earliest ready statement by (placement, phase, position) keeps the
//! renderers' order wherever no dependency disagrees. A cycle is an error that names its objects.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use flash_core::Schema;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::deps::dependencies;
use super::{PlanError, Step};
use crate::render::{ObjectRef, Staged};

/// The statements in the order they run.
pub fn order(staged: Vec<Staged>, from: &Schema, to: &Schema) -> Result<Vec<Step>, PlanError> {
    let mut graph: DiGraph<usize, ()> = DiGraph::with_capacity(staged.len(), staged.len());
    let nodes: Vec<NodeIndex> = (0..staged.len()).map(|i| graph.add_node(i)).collect();
    let creators = index_by(&staged, |s| s.creates.as_ref());
    let droppers = index_by(&staged, |s| s.drops.as_ref());

    let uses_in_to = dependencies(to, &creators.keys().copied().collect());
    let uses_in_from = dependencies(from, &droppers.keys().copied().collect());
    for (i, s) in staged.iter().enumerate() {
        let placement = s.phase.placement();
        let same_part = |j: usize| staged[j].phase.placement() == placement && j != i;
        if let Some(created) = &s.creates {
            for used in uses_in_to.get(created).into_iter().flatten() {
                for &j in creators.get(used).into_iter().flatten() {
                    if same_part(j) {
                        graph.update_edge(nodes[j], nodes[i], ());
                    }
                }
            }
        }
        if let Some(dropped) = &s.drops {
            for used in uses_in_from.get(dropped).into_iter().flatten() {
                for &j in droppers.get(used).into_iter().flatten() {
                    if same_part(j) {
                        graph.update_edge(nodes[i], nodes[j], ());
                    }
                }
            }
        }
    }

    let key = |i: usize| Reverse((staged[i].phase.placement(), staged[i].phase, i));
    let mut waiting: Vec<usize> = nodes
        .iter()
        .map(|&n| {
            graph
                .neighbors_directed(n, petgraph::Direction::Incoming)
                .count()
        })
        .collect();
    let mut ready: BinaryHeap<_> = (0..staged.len())
        .filter(|&i| waiting[i] == 0)
        .map(key)
        .collect();
    let mut out = Vec::with_capacity(staged.len());
    while let Some(Reverse((_, _, i))) = ready.pop() {
        out.push(i);
        for next in graph.neighbors_directed(nodes[i], petgraph::Direction::Outgoing) {
            let j = graph[next];
            waiting[j] -= 1;
            if waiting[j] == 0 {
                ready.push(key(j));
            }
        }
    }
    if out.len() < staged.len() {
        return Err(cycle_error(&graph, &staged));
    }
    let mut staged: Vec<Option<Staged>> = staged.into_iter().map(Some).collect();
    Ok(out
        .into_iter()
        .filter_map(|i| staged[i].take())
        .map(|s| Step {
            placement: s.phase.placement(),
            sql: s.sql,
        })
        .collect())
}

fn index_by<'a>(
    staged: &'a [Staged],
    object: impl Fn(&'a Staged) -> Option<&'a ObjectRef>,
) -> BTreeMap<&'a ObjectRef, Vec<usize>> {
    let mut out: BTreeMap<&ObjectRef, Vec<usize>> = BTreeMap::new();
    for (i, s) in staged.iter().enumerate() {
        if let Some(o) = object(s) {
            out.entry(o).or_default().push(i);
        }
    }
    out
}

/// The objects of the first strongly connected component with more than one statement, in statement order.
fn cycle_error(graph: &DiGraph<usize, ()>, staged: &[Staged]) -> PlanError {
    let mut objects = Vec::new();
    for component in tarjan_scc(graph) {
        if component.len() < 2 {
            continue;
        }
        let mut members: Vec<usize> = component.iter().map(|&n| graph[n]).collect();
        members.sort_unstable();
        objects = members
            .into_iter()
            .map(|i| {
                let s = &staged[i];
                match (&s.creates, &s.drops) {
                    (Some(o), _) => format!("create {o}"),
                    (None, Some(o)) => format!("drop {o}"),
                    (None, None) => s.sql.clone(),
                }
            })
            .collect();
        break;
    }
    PlanError::Cycle { objects }
}
