"""Intake: reading case extracts from files and directories into validated cases or rejections."""
