fn main() {
    println!("claimcheck: under construction");
}
