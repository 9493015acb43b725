"""The live pipeline (capture → recorder / transcriber → coach → store), Qt-free, shared by the
live window and `tellmemore listen`."""
