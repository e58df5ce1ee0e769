"""The Peace Media Center, part 1: banks of known propaganda, matching, sharing banks with partners."""
