#include "cli/commands.hpp"

#include <iostream>

int main(int argc, char** argv) { return carbontrack::cli::run(argc, argv, std::cout, std::cerr); }
