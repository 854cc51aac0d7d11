"""What a coach does, as plain functions over the vault's repositories.

The use-case layer sits between `vault` (and `reports`/`backup`) and the two front ends,
`ui` and `cli`: a coaching rule (how a contract is drafted, amended or signed, how
sessions are numbered, what archiving a client means) is written here once, without
Qt, and both front ends call it. See docs/architecture.md.
"""
