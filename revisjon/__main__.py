from revisjon.cli import main

main()
