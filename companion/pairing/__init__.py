"""Pairing: how an extension gets its own token, with the user's approval.

`requests` holds the pending pairing requests (in memory, few per minute, deny by default);
`clients` holds the paired extensions, each with its own revocable token pinned to the
extension origin that asked for it.
"""
