"""Staff access: the hidden corner hold, the PIN pad, and the staff menu screen."""
