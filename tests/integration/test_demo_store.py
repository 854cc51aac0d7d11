"""The demo engagements stored in a real (encrypted) vault and read back, links intact."""

from __future__ import annotations

from datetime import date

from coachdesk.core.model import Engagement
from coachdesk.core.progress import engagement_progress
from coachdesk.core.validation import validate_engagement
from coachdesk.demo import demo_engagements
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault

TODAY = date(2025, 6, 11)


def _check_round_trip(original: Engagement, loaded: Engagement) -> None:
    assert loaded.client.name == original.client.name
    assert loaded.client.tags == original.client.tags
    assert loaded.client.intake_notes == original.client.intake_notes
    assert original.contract is not None and loaded.contract is not None
    old, new = original.contract, loaded.contract
    assert new.client_id == loaded.client.id
    assert new.status == old.status and new.fees == old.fees
    assert len(new.outcomes) == len(old.outcomes)
    assert len(new.milestones) == len(old.milestones)
    assert len(new.risks) == len(old.risks)
    assert len(loaded.sessions) == len(original.sessions)
    assert len(loaded.action_items) == len(original.action_items)
    assert len(loaded.emotions) == len(original.emotions)
    assert len(loaded.feedback) == len(original.feedback)

    # In-memory outcome ids became stored ids, position by position.
    outcome_map: dict[int | None, int] = {}
    for o, n in zip(old.outcomes, new.outcomes, strict=True):
        assert n.id is not None
        assert n.statement == o.statement
        assert n.history == o.history
        outcome_map[o.id] = n.id
    stored_outcomes = set(outcome_map.values())
    assert len(stored_outcomes) == len(new.outcomes)
    for m_old, m_new in zip(old.milestones, new.milestones, strict=True):
        assert m_new.title == m_old.title
        assert m_new.outcome_id == outcome_map[m_old.outcome_id]

    # Sessions come back in time order, as the demo lists them.
    session_map: dict[int | None, int | None] = {}
    for s_old, s_new in zip(original.sessions, loaded.sessions, strict=True):
        assert s_new.started_at == s_old.started_at
        assert s_new.private_notes == s_old.private_notes
        assert s_new.shared_summary == s_old.shared_summary
        assert set(s_new.outcome_ids) <= stored_outcomes
        assert sorted(s_new.outcome_ids) == sorted(outcome_map[i] for i in s_old.outcome_ids)
        session_map[s_old.id] = s_new.id

    items = {item.text: item for item in loaded.action_items}
    for item in original.action_items:
        stored = items[item.text]
        assert stored.session_id == session_map[item.session_id]
        expected = session_map.get(item.reviewed_session_id)
        assert stored.reviewed_session_id == expected
        assert stored.status == item.status and stored.owner == item.owner

    feedback = {f.observed_behaviour: f for f in loaded.feedback}
    for entry in original.feedback:
        assert feedback[entry.observed_behaviour].outcome_id == outcome_map[entry.outcome_id]

    assert [e.label for e in loaded.emotions] == [e.label for e in original.emotions]
    assert [e.occurred_at for e in loaded.emotions] == [e.occurred_at for e in original.emotions]


def test_demo_engagements_survive_the_vault(open_vault: Vault) -> None:
    store = Store(open_vault.connection)
    originals = demo_engagements(TODAY)
    ids = [store.add_engagement(engagement) for engagement in originals]
    assert len(set(ids)) == len(originals)
    assert len(store.clients.all()) == len(originals)

    statuses = set()
    for client_id, original in zip(ids, originals, strict=True):
        loaded = store.load_engagement(client_id)
        validate_engagement(loaded)
        _check_round_trip(original, loaded)
        progress = engagement_progress(loaded, TODAY)
        assert progress.status == engagement_progress(original, TODAY).status
        statuses.add(progress.status)
    assert len(statuses) > 1


def test_adding_the_demo_twice_gives_two_independent_sets(open_vault: Vault) -> None:
    store = Store(open_vault.connection)
    first = [store.add_engagement(e) for e in demo_engagements(TODAY)]
    second = [store.add_engagement(e) for e in demo_engagements(TODAY)]
    assert not set(first) & set(second)
    a, b = store.load_engagement(first[0]), store.load_engagement(second[0])
    assert a.contract is not None and b.contract is not None
    assert not {o.id for o in a.contract.outcomes} & {o.id for o in b.contract.outcomes}
    assert {i for s in b.sessions for i in s.outcome_ids} <= {o.id for o in b.contract.outcomes}
