"""The author's commands (new post, WordPress import, benchmark) and the helpers they share with the build."""
