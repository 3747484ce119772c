fn main() {
    std::process::exit(evident::main_with(std::env::args_os().collect()));
}
