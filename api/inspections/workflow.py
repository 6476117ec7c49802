"""A recommendation's life: open → in_progress → done → verified, and back by `reopen`.

The responsible unit reports its progress; the inspecting side judges it. This table is
the whole of the rule, used both to apply an action and to tell the UI which it may offer.
"""

from dataclasses import dataclass
from enum import StrEnum

from api.auth.policy import ANY, OWN, Actor, Perm, reach
from api.inspections.enums import RecommendationAction, RecommendationStatus

Status = RecommendationStatus
Action = RecommendationAction


class Side(StrEnum):
    responsible = "responsible"  # the unit that must carry the recommendation out
    inspecting = "inspecting"  # who made it: inspectors, coordinators, the inspecting unit


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Status]
    target: Status
    side: Side


TRANSITIONS: dict[Action, Transition] = {
    Action.start: Transition(frozenset({Status.open}), Status.in_progress, Side.responsible),
    # A quick fix may be reported done without a separate start.
    Action.complete: Transition(
        frozenset({Status.open, Status.in_progress}), Status.done, Side.responsible
    ),
    Action.verify: Transition(frozenset({Status.done}), Status.verified, Side.inspecting),
    Action.reopen: Transition(
        frozenset({Status.done, Status.verified}), Status.in_progress, Side.inspecting
    ),
}


def acting_sides(actor: Actor, responsible_unit_id: int, inspecting_unit_id: int) -> set[Side]:
    """The sides of a recommendation the actor may act for."""
    granted = reach(actor, Perm.inspections_write)
    sides: set[Side] = set()
    if granted is ANY or (granted is OWN and actor.unit_id == inspecting_unit_id):
        sides.add(Side.inspecting)
    if granted is OWN and actor.unit_id == responsible_unit_id:
        sides.add(Side.responsible)
    return sides


def allowed_actions(
    actor: Actor, status: Status, responsible_unit_id: int, inspecting_unit_id: int
) -> list[Action]:
    sides = acting_sides(actor, responsible_unit_id, inspecting_unit_id)
    return [
        action
        for action, transition in TRANSITIONS.items()
        if transition.side in sides and status in transition.sources
    ]
