from revisjon.cli.app import main

main()
