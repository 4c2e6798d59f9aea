"""The Textual game: the only part of calcquest that imports Textual.

`calcquest.ui.app.make_app(catalog, store, ...)` builds the app from ready domain objects; the
CLI, the Pilot tests and the snapshot tests all go through it. Screens live in `screens/`,
reusable widgets in `widgets/`, and the messages they send up in `messages.py`.
"""
