resource "aws_ecr_repository" "serving" {
  name = "ml/serving"
}

resource "aws_ecr_repository" "training" {
  name = "ml/training"
  image_scanning_configuration {
    scan_on_push = false
  }
}
