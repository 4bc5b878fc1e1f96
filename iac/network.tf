resource "aws_vpc" "ml" {
  cidr_block           = "10.40.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "private_a" {
  vpc_id            = aws_vpc.ml.id
  cidr_block        = "10.40.1.0/24"
  availability_zone = "${var.region}a"
}

resource "aws_subnet" "private_b" {
  vpc_id            = aws_vpc.ml.id
  cidr_block        = "10.40.2.0/24"
  availability_zone = "${var.region}b"
}

resource "aws_security_group" "notebooks" {
  name   = "${local.prefix}-notebooks"
  vpc_id = aws_vpc.ml.id
}
