from zhengtong.cli import main

main()
