from pmi_ready.cli import main

main()
