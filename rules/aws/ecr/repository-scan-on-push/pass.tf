resource "aws_ecr_repository" "serving" {
  name = "ml/serving"
  image_scanning_configuration {
    scan_on_push = true
  }
}
