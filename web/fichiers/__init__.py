"""The one file store for everything users upload (annonce photos now; pièces justificatives and proofs next).

`usages` declares each kind of upload (formats, limits, messages, the column that references its files),
`verifier` checks content, `depots` keeps what waits for a valid form as expiring rows, `stockage` writes
the final files and serves them inert. Nothing reaches the final store before its form is valid.
"""
