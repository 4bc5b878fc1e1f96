resource "aws_sagemaker_notebook_instance" "literal_ids" {
  name                   = "claims-triage"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-notebook-claims"
  instance_type          = "ml.t3.large"
  subnet_id              = "subnet-0aa11bb22cc33dd44"
  security_groups        = ["sg-0c1d2e3f4a5b6c7d8", "sg-0f1e2d3c4b5a69788"]
  direct_internet_access = "Disabled"
}

resource "aws_subnet" "private_a" {
  vpc_id            = "vpc-0a1b2c3d4e5f60718"
  cidr_block        = "10.40.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_security_group" "notebook" {
  name   = "sagemaker-notebook"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

# References to resources created in the same plan: known only after apply, but set.
resource "aws_sagemaker_notebook_instance" "referenced_ids" {
  name            = "supply-chain-forecast"
  role_arn        = "arn:aws:iam::111122223333:role/sagemaker-notebook-supply"
  instance_type   = "ml.t3.xlarge"
  subnet_id       = aws_subnet.private_a.id
  security_groups = [aws_security_group.notebook.id]
}
