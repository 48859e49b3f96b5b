"""Journal data is private to its owner: no journal model is registered in the admin."""
